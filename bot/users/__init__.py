"""Users, roles and invites: who may do what in popsbot."""
