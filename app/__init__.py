"""RankUp web app and CLI."""
