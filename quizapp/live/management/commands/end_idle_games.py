"""`manage.py end_idle_games`: end the live games nobody has touched for an hour."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from quizapp.live import announce, services
from quizapp.live.models import LiveGame


class Command(BaseCommand):
    help = (
        "End every live game with no activity (a player joining, the host starting, "
        "moving on, pausing) for over an hour, as if its host had pressed End: its "
        "students' attempts are finished and scored, and its PIN is free again. The host "
        "screen and the players' phones still open are told, and show the game as ended "
        "(the channel layer carries the news, so this needs the servers' Redis; without it "
        "the screens show the end when they next reconnect or act). A game a page or a "
        "host screen looks at ends by itself anyway; this command ends the others. "
        "`make serve` runs it every QUIZAPP_IDLE_SWEEP_SECONDS (default 300); safe to run "
        "from any number of machines at once."
    )

    def handle(self, *args, **options):
        ended = services.end_idle_games()
        for game in LiveGame.objects.select_related("quiz").filter(pk__in=ended):
            announce.game_changed(game)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Ended {len(ended)} idle live game(s).")
