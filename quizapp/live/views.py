"""Live game pages: the host's setup and projector screen, the player's PIN form and phone.

The pages are shells: the game itself arrives over the WebSocket (see consumers.py) and
`static/js/live.js` draws it, so a reload shows exactly what the server holds now.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from quizapp.accounts.decorators import teacher_required
from quizapp.classes.models import Assignment
from quizapp.study.exceptions import QuizEmpty
from quizapp.study.models import Quiz

from . import announce, services
from .consumers import SESSION_KEY
from .exceptions import LiveError
from .forms import JoinForm, NewGameForm
from .models import LiveGame, LivePlayer
from .qr import qr_drawing


@teacher_required
@require_http_methods(["GET", "POST"])
def new_game(request):
    """Settings of a game of a quiz (`?quiz=<slug>`) or a class assignment (`?assignment=<id>`)."""
    assignment = None
    if "assignment" in request.GET:
        assignments = Assignment.objects.select_related("quiz", "classroom")
        if not request.user.is_superuser:
            assignments = assignments.filter(classroom__teacher=request.user)
        assignment = get_object_or_404(
            assignments, pk=request.GET["assignment"], quiz__isnull=False
        )
        quiz = assignment.quiz
    else:
        quiz = get_object_or_404(Quiz, slug=request.GET.get("quiz", ""))
    can_keep = request.user.has_perm("study.change_quiz")
    form = NewGameForm(request.POST or None, quiz=quiz, can_keep=can_keep)
    if request.method == "POST" and form.is_valid():
        try:
            game = services.create_game(
                host=request.user,
                quiz=quiz,
                assignment=assignment,
                allow_guests=form.cleaned_data["allow_guests"],
                seconds_per_question=form.cleaned_data["seconds_per_question"],
                keep_seconds_for_quiz=form.cleaned_data.get("keep_for_quiz", False),
            )
        except QuizEmpty as error:
            messages.error(request, error.message)
        else:
            return redirect("live:host", game.pk)
    context = {"form": form, "quiz": quiz, "assignment": assignment}
    return render(request, "live/new.html", context)


@teacher_required
@require_GET
def host(request, pk: int):
    """The projector screen of the teacher's own game."""
    game = get_object_or_404(LiveGame.objects.select_related("quiz"), pk=pk)
    if game.host_id != request.user.pk:
        raise PermissionDenied("Only the teacher who runs this game can open its screen.")
    join_url = request.build_absolute_uri(f"{reverse('live:join')}?pin={game.pin}")
    context = {
        "game": game,
        "join_url": join_url,
        "join_host_path": request.build_absolute_uri(reverse("live:join")),
        "qr": qr_drawing(join_url),
        "socket_port": settings.QUIZAPP_LIVE_SOCKET_PORT,
    }
    return render(request, "live/host.html", context)


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


@require_http_methods(["GET", "POST"])
def join(request):
    """A student types the PIN (and a nickname, when not logged in) and joins the game."""
    form = JoinForm(request.POST or None, initial={"pin": request.GET.get("pin", "")})
    if request.method == "POST" and form.is_valid():
        try:
            game = services.find_game(pin=form.cleaned_data["pin"], ip=_client_ip(request))
            player = services.join_game(
                game=game,
                user=request.user,
                nickname=form.cleaned_data["nickname"],
                guest_player_id=request.session.get(SESSION_KEY, {}).get(str(game.pk)),
            )
        except LiveError as error:
            field = "nickname" if "nickname" in error.message.lower() else "pin"
            form.add_error(field, error.message)
        else:
            if not request.user.is_authenticated:
                games = request.session.get(SESSION_KEY, {})
                games[str(game.pk)] = player.pk
                request.session[SESSION_KEY] = games
            announce.players_changed(game.pk)
            return redirect("live:play", game.pk)
    return render(request, "live/join.html", {"form": form})


@require_GET
def play(request, pk: int):
    """A player's phone: the game as it stands, drawn from the WebSocket."""
    game = get_object_or_404(LiveGame.objects.select_related("quiz"), pk=pk)
    players = LivePlayer.objects.filter(game=game)
    if request.user.is_authenticated:
        player = players.filter(user=request.user).first()
    else:
        player = players.filter(pk=request.session.get(SESSION_KEY, {}).get(str(pk))).first()
    if player is None:
        messages.info(request, "Type the game's PIN to join it.")
        return redirect(f"{reverse('live:join')}?pin={game.pin if not game.is_ended else ''}")
    context = {"game": game, "player": player, "socket_port": settings.QUIZAPP_LIVE_SOCKET_PORT}
    return render(request, "live/play.html", context)
