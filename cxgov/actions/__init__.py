"""One action tracker for every source: review decisions, workshop ideas, the alignment review, assessment gaps."""
