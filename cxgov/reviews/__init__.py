"""The CEO's quarterly CX review: a meeting pack built from the data, decisions, actions and minutes."""
