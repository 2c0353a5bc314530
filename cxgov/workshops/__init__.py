"""HR's CX culture workshops: co-creation sessions, invitations, attendance, ideas, feedback and metrics."""
