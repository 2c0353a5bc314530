"""Monthly per-department CX improvement targets, their updates, roll-ups and incentive points."""
