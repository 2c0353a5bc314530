"""Cross-department CX maturity assessments: framework, cycles, answers, results."""
