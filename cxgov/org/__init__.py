"""The organisation profile, its departments and the people in them."""
