"""Local development: DEBUG on unless the environment says otherwise, SQLite by default."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
