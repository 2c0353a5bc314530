"""Sign-in, sessions, passwords and the people who use cxgov."""
