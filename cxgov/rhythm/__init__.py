"""The monthly rhythm runs itself: what is due for whom (`due`, pure), read from the database (`gather`), shown
in an inbox and on each home page, sent as e-mail digests and workplace-chat messages, published as calendar
feeds, and run on a schedule (`schedule`, each job also a CLI command) whose runs are logged (`runs`)."""
