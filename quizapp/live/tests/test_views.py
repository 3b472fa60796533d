"""The live pages: setting a game up, the host screen, joining with a PIN, the phone."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from quizapp.live import services
from quizapp.live.consumers import SESSION_KEY
from quizapp.live.models import LiveGame, LivePlayer


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def game(teacher, live_quiz):
    return services.create_game(host=teacher, quiz=live_quiz, allow_guests=True)


def test_run_live_from_a_quiz_opens_a_lobby(client, teacher, live_quiz):
    client.force_login(teacher)
    quiz_page = client.get(reverse("study:quiz", args=[live_quiz.slug]))
    assert f'href="/live/new/?quiz={live_quiz.slug}"' in quiz_page.content.decode()
    response = client.post(
        f"/live/new/?quiz={live_quiz.slug}", {"seconds_per_question": 15, "allow_guests": "on"}
    )
    game = LiveGame.objects.get()
    assert response.url == reverse("live:host", args=[game.pk])
    assert (game.seconds_per_question, game.allow_guests) == (15, True)
    page = client.get(response.url).content.decode()
    assert game.pin in page
    assert "<svg" in page and f"/live/?pin={game.pin}" in page


def test_run_live_from_a_class_assignment(client, teacher, classroom, assignment):
    client.force_login(teacher)
    detail = client.get(reverse("classes:detail", args=[classroom.join_code])).content.decode()
    assert f"/live/new/?assignment={assignment.pk}" in detail
    client.post(f"/live/new/?assignment={assignment.pk}", {"seconds_per_question": 20})
    game = LiveGame.objects.get()
    assert game.assignment == assignment and not game.allow_guests


def test_the_lobby_form_starts_from_the_quizs_seconds(client, teacher, live_quiz):
    live_quiz.live_seconds = 45
    live_quiz.save()
    client.force_login(teacher)
    page = client.get(f"/live/new/?quiz={live_quiz.slug}").content.decode()
    assert 'name="seconds_per_question"' in page and 'value="45"' in page
    # The host changes it for this game only; the quiz keeps its own.
    client.post(f"/live/new/?quiz={live_quiz.slug}", {"seconds_per_question": 12})
    assert LiveGame.objects.get().seconds_per_question == 12
    live_quiz.refresh_from_db()
    assert live_quiz.live_seconds == 45


def test_the_host_may_keep_the_time_for_the_quiz(client, teacher, live_quiz):
    client.force_login(teacher)
    page = client.get(f"/live/new/?quiz={live_quiz.slug}").content.decode()
    assert "Use this time for every live game of this quiz" in page
    client.post(
        f"/live/new/?quiz={live_quiz.slug}", {"seconds_per_question": 30, "keep_for_quiz": "on"}
    )
    live_quiz.refresh_from_db()
    assert live_quiz.live_seconds == 30
    assert LiveGame.objects.get().seconds_per_question == 30


def test_keeping_the_time_for_an_empty_quiz_saves_nothing(client, teacher):
    from quizapp.study.tests.factories import QuizFactory

    empty = QuizFactory(title="Empty", questions=[])
    client.force_login(teacher)
    response = client.post(
        f"/live/new/?quiz={empty.slug}", {"seconds_per_question": 30, "keep_for_quiz": "on"}
    )
    assert response.status_code == 200
    empty.refresh_from_db()
    assert empty.live_seconds == 20
    assert not LiveGame.objects.exists()


def test_a_bad_setting_saves_nothing_and_says_which(client, teacher, live_quiz):
    client.force_login(teacher)
    response = client.post(f"/live/new/?quiz={live_quiz.slug}", {"seconds_per_question": 2})
    assert "greater than or equal to 5" in response.content.decode()
    assert not LiveGame.objects.exists()


def test_students_cannot_host(client, student, live_quiz, game):
    client.force_login(student)
    assert client.get(f"/live/new/?quiz={live_quiz.slug}").status_code == 403
    assert client.get(reverse("live:host", args=[game.pk])).status_code == 403


def test_another_teacher_cannot_open_the_host_screen(client, other_teacher, game):
    client.force_login(other_teacher)
    assert client.get(reverse("live:host", args=[game.pk])).status_code == 403


def test_home_links_to_the_pin_form(client, student):
    client.force_login(student)
    assert 'href="/live/"' in client.get("/").content.decode()


def test_a_guest_joins_with_pin_and_nickname(client, game):
    response = client.post("/live/", {"pin": game.pin, "nickname": "Zed"})
    assert response.url == reverse("live:play", args=[game.pk])
    player = LivePlayer.objects.get()
    assert client.session[SESSION_KEY] == {str(game.pk): player.pk}
    page = client.get(response.url).content.decode()
    assert "Zed" in page and f"/ws/live/{game.pk}/play/" in page


def test_a_signed_in_student_joins_under_their_name(client, student, game):
    client.force_login(student)
    client.post("/live/", {"pin": game.pin})
    assert LivePlayer.objects.get().user == student


def test_a_wrong_pin_says_so_and_guessing_is_limited(client, game):
    response = client.post("/live/", {"pin": "000000", "nickname": "Zed"})
    assert "No game is running with that PIN" in response.content.decode()
    for _ in range(services.PIN_MISSES_ALLOWED):
        response = client.post("/live/", {"pin": "000001", "nickname": "Zed"})
    assert "Too many wrong PINs" in response.content.decode()
    assert not LivePlayer.objects.exists()


def test_someone_who_has_not_joined_is_sent_to_the_pin_form(client, game):
    response = client.get(reverse("live:play", args=[game.pk]))
    assert response.url == f"/live/?pin={game.pin}"


def test_the_qr_code_is_drawn_from_the_join_link():
    from quizapp.live.qr import qr_drawing

    drawing = qr_drawing("http://127.0.0.1:8000/live/?pin=123456")
    assert drawing.size == 29 + 2 * 2  # version 3 at level M, with the quiet zone
    assert set(drawing.path) <= set("0123456789Mhvz -")


def test_pages_point_the_socket_at_the_live_port_when_one_is_set(client, settings, teacher, game):
    client.force_login(teacher)
    page = client.get(reverse("live:host", args=[game.pk]))
    assert "data-ws-port" not in page.content.decode()
    assert "ws://" not in page["Content-Security-Policy"]

    settings.QUIZAPP_LIVE_SOCKET_PORT = 8001
    client = type(client)()  # a new handler reads the setting afresh
    client.force_login(teacher)
    page = client.get(reverse("live:host", args=[game.pk]))
    assert 'data-ws-port="8001"' in page.content.decode()
    assert "connect-src 'self' ws://testserver:8001;" in page["Content-Security-Policy"]


def test_a_removed_student_is_told_on_the_pin_form(client, teacher, student, game):
    client.force_login(student)
    client.post("/live/", {"pin": game.pin})
    player = LivePlayer.objects.get()
    services.remove_player(game=game, user=teacher, player_id=player.pk)
    response = client.post("/live/", {"pin": game.pin})
    assert "Your teacher removed you from this game" in response.content.decode()
