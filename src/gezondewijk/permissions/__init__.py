"""Who may do what: the roles, the permission table and the API's authentication.

This package sits at the bottom of the layer order (DESIGN §4) so that every app, the lowest
included, asks the same questions of the same table. It imports no app: the people app lends
it role grants through the `role_grants` relation of a user and API keys through a hook
(`api_auth.API_KEY_LOOKUP`), and an area answers `lineage()` itself.
"""
