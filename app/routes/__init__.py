"""HTTP routes: users (accounts), pages (learner HTML), api (JSON), progress, author (instructors)."""
