"""Rate limits for answering, reviewing and signing in.

Counts live in Django's default cache, which is Redis when `REDIS_URL` is set, so every
app server behind a load balancer shares one count per user (or per address for login).
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle


class SettingsScopedRateThrottle(ScopedRateThrottle):
    """DRF's scoped throttle, reading `DEFAULT_THROTTLE_RATES` when a request comes in.

    DRF copies the rates into the class when it is imported, so a changed setting would
    otherwise be ignored until the process restarts.
    """

    @property
    def THROTTLE_RATES(self):  # noqa: N802 - the name DRF looks up
        return api_settings.DEFAULT_THROTTLE_RATES
