"""The virtual CX team: team roles, the rotating project director, handovers."""
