"""The rules of a live game, through its services."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from quizapp.classes.selectors import class_report
from quizapp.live import selectors, services
from quizapp.live.exceptions import (
    GameNotFound,
    GameOver,
    GuestsNotAllowed,
    NicknameTaken,
    NotHost,
    QuestionClosed,
    TooManyGuesses,
)
from quizapp.live.models import LiveAnswer, LiveGame
from quizapp.study.models import Attempt, MemoryState, ReviewLog
from quizapp.study.scheduling import AGAIN, GOOD

State = LiveGame.State
T0 = timezone.now().replace(microsecond=0)


def at(seconds: float):
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
def game(teacher, live_quiz, assignment):
    return services.create_game(
        host=teacher, quiz=live_quiz, assignment=assignment, allow_guests=True, now=T0
    )


def right_choice(game):
    from quizapp.content.models import Question

    question = Question.objects.get(pk=game.question_ids[game.current_index])
    return question.choices.get(is_correct=True)


def test_a_new_game_waits_in_its_lobby_with_a_six_digit_pin(game, live_quiz):
    assert game.state == State.LOBBY
    assert len(game.pin) == 6 and game.pin.isdigit()
    assert len(game.question_ids) == 3


def test_a_game_takes_its_countdown_from_the_quiz(teacher, live_quiz):
    assert services.create_game(host=teacher, quiz=live_quiz, now=T0).seconds_per_question == 20
    live_quiz.live_seconds = 45
    live_quiz.save()
    game = services.create_game(host=teacher, quiz=live_quiz, now=T0)
    assert game.seconds_per_question == 45
    services.start_game(game=game, user=teacher, now=at(1))
    assert game.closes_at == at(46)
    # The host may still choose another time for one game.
    other = services.create_game(host=teacher, quiz=live_quiz, seconds_per_question=10, now=T0)
    assert other.seconds_per_question == 10


def test_running_games_never_share_a_pin(teacher, live_quiz, monkeypatch):
    first = services.create_game(host=teacher, quiz=live_quiz, now=T0)
    pins = iter([first.pin, first.pin, "654321"])
    monkeypatch.setattr("quizapp.live.services.new_pin", lambda: next(pins))
    second = services.create_game(host=teacher, quiz=live_quiz, now=T0)
    assert second.pin == "654321"


def test_the_pin_finds_the_running_game(game):
    assert services.find_game(pin=f" {game.pin} ", ip="1.2.3.4", now=at(1)) == game


def test_wrong_pins_are_limited_per_address(game):
    cache.clear()
    for _ in range(services.PIN_MISSES_ALLOWED):
        with pytest.raises(GameNotFound):
            services.find_game(pin="000000", ip="9.9.9.9", now=at(1))
    with pytest.raises(TooManyGuesses):
        services.find_game(pin=game.pin, ip="9.9.9.9", now=at(1))
    # Another address is not held back.
    assert services.find_game(pin=game.pin, ip="8.8.8.8", now=at(1)) == game
    cache.clear()


def test_students_join_under_their_name_once_and_get_an_attempt(game, class_students):
    ann = class_students[0]
    player = services.join_game(game=game, user=ann, now=at(1))
    again = services.join_game(game=game, user=ann, now=at(2))
    assert player == again
    assert player.nickname == "ann"
    assert player.attempt.quiz == game.quiz
    assert player.attempt.question_ids == game.question_ids


def test_guests_need_a_free_nickname_and_the_hosts_leave(game, teacher, live_quiz):
    services.join_game(game=game, nickname="  Zed  ", now=at(1))
    with pytest.raises(NicknameTaken):
        services.join_game(game=game, nickname="zed", now=at(1))
    closed = services.create_game(host=teacher, quiz=live_quiz, now=T0)
    with pytest.raises(GuestsNotAllowed):
        services.join_game(game=closed, nickname="Zed", now=at(1))


def test_a_class_game_without_guests_refuses_outsiders(teacher, live_quiz, assignment, outsider):
    game = services.create_game(host=teacher, quiz=live_quiz, assignment=assignment, now=T0)
    with pytest.raises(GuestsNotAllowed):
        services.join_game(game=game, user=outsider, now=at(1))


def test_only_the_host_drives(game, class_students):
    ann = class_students[0]
    for action in (services.next_step, services.toggle_pause, services.end_game):
        with pytest.raises(NotHost):
            action(game=game, user=ann, now=at(1))
    assert LiveGame.objects.get().state == State.LOBBY


def test_next_walks_the_game_through_its_questions(game, teacher):
    assert services.next_step(game=game, user=teacher, now=at(1))
    assert (game.state, game.current_index) == (State.QUESTION, 0)
    assert game.closes_at == at(1) + timedelta(seconds=20)
    assert services.next_step(game=game, user=teacher, now=at(5))  # closes early
    assert game.state == State.REVEAL
    for index in (1, 2):
        services.next_step(game=game, user=teacher, now=at(10 * index))
        assert (game.state, game.current_index) == (State.QUESTION, index)
        services.next_step(game=game, user=teacher, now=at(10 * index + 5))
    services.next_step(game=game, user=teacher, now=at(40))
    assert LiveGame.objects.get().state == State.ENDED


def test_a_stale_second_press_changes_nothing(game, teacher):
    services.next_step(game=game, user=teacher, now=at(1))
    stale = LiveGame.objects.get(pk=game.pk)
    services.next_step(game=game, user=teacher, now=at(2))  # close
    services.next_step(game=game, user=teacher, now=at(3))  # question 2
    stale.state, stale.current_index = State.LOBBY, -1
    assert not services.start_game(game=stale, user=teacher, now=at(4))
    assert LiveGame.objects.get().current_index == 1


def test_an_answer_is_graded_scored_and_counted_once(game, teacher, class_students):
    ann = services.join_game(game=game, user=class_students[0], now=at(0))
    services.join_game(game=game, user=class_students[1], now=at(0))
    services.start_game(game=game, user=teacher, now=at(0))
    choice = right_choice(game)
    first = services.submit_answer(player=ann, index=0, choice_id=choice.pk, now=at(5))
    assert first.created and first.answer.is_correct
    assert first.answer.points == services.points_for(is_correct=True, elapsed_ms=5000, seconds=20)
    assert (first.answered, first.players) == (1, 2)
    wrong = next(c for c in choice.question.choices.all() if not c.is_correct)
    second = services.submit_answer(player=ann, index=0, choice_id=wrong.pk, now=at(6))
    assert not second.created
    assert second.answer == first.answer
    assert LiveAnswer.objects.count() == 1
    ann.refresh_from_db()
    assert ann.score == first.answer.points


def test_faster_right_answers_earn_more_and_wrong_ones_nothing():
    fast = services.points_for(is_correct=True, elapsed_ms=1000, seconds=20)
    slow = services.points_for(is_correct=True, elapsed_ms=19000, seconds=20)
    assert services.BASE_POINTS < slow < fast <= services.BASE_POINTS + services.SPEED_POINTS
    assert services.points_for(is_correct=False, elapsed_ms=0, seconds=20) == 0


def test_an_answer_after_the_close_is_refused(game, teacher, class_students):
    ann = services.join_game(game=game, user=class_students[0], now=at(0))
    services.start_game(game=game, user=teacher, now=at(0))
    choice = right_choice(game)
    with pytest.raises(QuestionClosed):  # past the clock, before anyone closed it
        services.submit_answer(player=ann, index=0, choice_id=choice.pk, now=at(21))
    services.close_question(game=game, now=at(22))
    with pytest.raises(QuestionClosed):
        services.submit_answer(player=ann, index=0, choice_id=choice.pk, now=at(22))
    with pytest.raises(QuestionClosed):  # a question not yet open
        services.submit_answer(player=ann, index=1, choice_id=choice.pk, now=at(22))
    assert not LiveAnswer.objects.exists()


def test_typed_answers_are_graded_leniently(game, teacher, class_students):
    ann = services.join_game(game=game, user=class_students[0], now=at(0))
    services._open(game, index=2, now=at(0), expect_state=[State.LOBBY])
    answered = services.submit_answer(player=ann, index=2, answer_text="seine", now=at(3))
    assert answered.answer.is_correct


def test_answers_move_memory_and_show_in_the_class_report(game, teacher, classroom, class_students):
    ann = services.join_game(game=game, user=class_students[0], now=at(0))
    services.start_game(game=game, user=teacher, now=at(0))
    services.submit_answer(player=ann, index=0, choice_id=right_choice(game).pk, now=at(2))
    services.next_step(game=game, user=teacher, now=at(3))
    services.next_step(game=game, user=teacher, now=at(4))
    wrong = next(c for c in right_choice(game).question.choices.all() if not c.is_correct)
    services.submit_answer(player=ann, index=1, choice_id=wrong.pk, now=at(6))
    services.end_game(game=game, user=teacher, now=at(10))

    ratings = list(ReviewLog.objects.filter(student=ann.user).values_list("rating", flat=True))
    assert ratings == [GOOD, AGAIN]
    assert MemoryState.objects.filter(student=ann.user).count() == 2
    attempt = Attempt.objects.get(student=ann.user)
    assert attempt.is_finished and (attempt.score, attempt.max_score) == (1, 3)
    report = class_report(classroom=classroom)
    row = next(r for r in report.rows if r.student == ann.user)
    assert row.cells[0].score is not None


def test_the_question_closes_by_itself_when_time_is_up(game, teacher):
    services.start_game(game=game, user=teacher, now=at(0))
    services.settle(game=game, now=at(19))
    assert game.state == State.QUESTION
    services.settle(game=game, now=at(21))
    assert LiveGame.objects.get().state == State.REVEAL


def test_pause_stops_the_clock(game, teacher):
    services.start_game(game=game, user=teacher, now=at(0))
    services.toggle_pause(game=game, user=teacher, now=at(5))
    assert game.state == State.PAUSED and game.paused_remaining_ms == 15000
    services.settle(game=game, now=at(100))
    assert game.state == State.PAUSED
    services.toggle_pause(game=game, user=teacher, now=at(200))
    assert game.state == State.QUESTION and game.closes_at == at(215)


def test_a_game_idle_for_an_hour_ends_itself(game, class_students):
    services.settle(game=game, now=T0 + timedelta(minutes=59))
    assert not game.is_ended
    services.settle(game=game, now=T0 + timedelta(minutes=61))
    assert LiveGame.objects.get().is_ended
    with pytest.raises(GameOver):
        services.join_game(game=game, user=class_students[0])


def test_no_player_view_shows_the_right_answer_before_the_reveal(game, teacher, class_students):
    ann = services.join_game(game=game, user=class_students[0], now=at(0))
    services.start_game(game=game, user=teacher, now=at(0))
    services.submit_answer(player=ann, index=0, choice_id=right_choice(game).pk, now=at(1))
    view = selectors.player_view(game, ann, now=at(2))
    text = repr(view)
    assert "is_correct" not in text and "right" not in text and "points" not in text
    assert view["score"] == 0  # the points of a right answer would give it away
    assert view["my_answer"]["choice"] == right_choice(game).pk
    assert all(set(option) == {"id", "label", "text"} for option in view["question"]["options"])
    host = selectors.host_view(game, now=at(2))
    assert "reveal" not in host and "is_correct" not in repr(host)

    services.close_question(game=game, now=at(3))
    revealed = selectors.player_view(game, ann, now=at(4))
    assert revealed["result"]["is_correct"] is True
    assert revealed["result"]["right_answer"] == "Paris"
    assert revealed["rank"] == 1


def test_reveal_counts_each_option_and_the_top_players(game, teacher, class_students):
    players = [services.join_game(game=game, user=s, now=at(0)) for s in class_students]
    services.start_game(game=game, user=teacher, now=at(0))
    right = right_choice(game)
    wrong = next(c for c in right.question.choices.all() if not c.is_correct)
    services.submit_answer(player=players[0], index=0, choice_id=right.pk, now=at(1))
    services.submit_answer(player=players[1], index=0, choice_id=right.pk, now=at(4))
    services.submit_answer(player=players[2], index=0, choice_id=wrong.pk, now=at(2))
    services.close_question(game=game, now=at(5))
    stats = selectors.host_view(game, now=at(5))["reveal"]
    counts = {o["text"]: o["count"] for o in stats["options"]}
    assert counts == {"Lyon": int(wrong.text == "Lyon"), "Paris": 2, "Nice": 0, "Lille": 0} or (
        counts["Paris"] == 2 and sum(counts.values()) == 3
    )
    assert (stats["right"], stats["wrong"], stats["share_right"]) == (2, 1, 67)
    assert [p["nickname"] for p in stats["top"]] == ["ann", "ben", "cat"]


def test_the_podium_ranks_by_points(game, teacher, class_students):
    players = [services.join_game(game=game, user=s, now=at(0)) for s in class_students]
    services.start_game(game=game, user=teacher, now=at(0))
    services.submit_answer(player=players[2], index=0, choice_id=right_choice(game).pk, now=at(1))
    services.end_game(game=game, user=teacher, now=at(2))
    podium = selectors.host_view(game, now=at(3))["podium"]
    assert podium[0]["nickname"] == "cat" and podium[0]["rank"] == 1
    assert len(podium) == 3


def test_the_lobby_tells_class_students_from_others(game, class_students, outsider):
    services.join_game(game=game, user=class_students[0], now=at(1))
    services.join_game(game=game, user=outsider, now=at(2))
    services.join_game(game=game, nickname="Zed", now=at(3))
    players = selectors.host_view(game, now=at(4))["players"]
    assert [(p["nickname"], p["kind"], p["kind_label"]) for p in players] == [
        ("ann", "class", "class"),
        ("outsider", "signed_in", "signed in"),
        ("Zed", "guest", "guest"),
    ]


def test_a_game_without_a_class_has_no_class_players(teacher, live_quiz, class_students):
    game = services.create_game(host=teacher, quiz=live_quiz, now=T0)
    services.join_game(game=game, user=class_students[0], now=at(1))
    assert selectors.host_view(game, now=at(2))["players"][0]["kind"] == "signed_in"


def test_a_removed_player_no_longer_counts(game, teacher, class_students):
    from quizapp.live.exceptions import PlayerRemoved

    ann, ben = (services.join_game(game=game, user=s, now=at(0)) for s in class_students[:2])
    guest = services.join_game(game=game, nickname="Zed", now=at(0))
    services.start_game(game=game, user=teacher, now=at(0))
    services.submit_answer(player=ann, index=0, choice_id=right_choice(game).pk, now=at(1))
    with pytest.raises(NotHost):
        services.remove_player(game=game, user=class_students[1], player_id=ann.pk, now=at(2))

    assert services.remove_player(game=game, user=teacher, player_id=ann.pk, now=at(2))
    assert not services.remove_player(game=game, user=teacher, player_id=ann.pk, now=at(2))
    ann.refresh_from_db()
    assert services.tally(game.pk, 0) == (0, 2)  # her answer left out, as is she
    answered = services.submit_answer(
        player=ben, index=0, choice_id=right_choice(game).pk, now=at(3)
    )
    assert (answered.answered, answered.players) == (1, 2)
    with pytest.raises(PlayerRemoved):
        services.submit_answer(player=ann, index=0, choice_id=right_choice(game).pk, now=at(3))

    services.close_question(game=game, now=at(4))
    host = selectors.host_view(game, now=at(5))
    assert [p["nickname"] for p in host["players"]] == ["ben", "Zed"]
    assert [p["nickname"] for p in host["reveal"]["top"]] == ["ben", "Zed"]
    assert host["reveal"]["answered"] == 1
    assert selectors.player_view(game, ann, now=at(5))["state"] == "removed"
    assert selectors.player_view(game, guest, now=at(5))["player_count"] == 2

    # Neither she nor a guest the host removed joins again.
    with pytest.raises(PlayerRemoved):
        services.join_game(game=game, user=class_students[0], now=at(6))
    services.remove_player(game=game, user=teacher, player_id=guest.pk, now=at(6))
    with pytest.raises(PlayerRemoved):
        services.join_game(game=game, nickname="Zed 2", guest_player_id=guest.pk, now=at(7))


def test_an_answer_costs_the_same_few_queries_however_many_play(
    game, teacher, class_students, make_user, django_assert_num_queries
):
    from quizapp.classes.models import Enrollment

    extra = [make_user(f"s{n}") for n in range(20)]
    Enrollment.objects.bulk_create(
        Enrollment(classroom_id=game.assignment.classroom_id, student=s) for s in extra
    )
    players = [services.join_game(game=game, user=s, now=at(0)) for s in class_students + extra]
    guest = services.join_game(game=game, nickname="Zed", now=at(0))
    services.start_game(game=game, user=teacher, now=at(0))
    right = right_choice(game).pk
    services.submit_answer(player=players[0], index=0, choice_id=right, now=at(1))  # warm
    # The first-answer check, the question's update time, the answer and the points, both
    # counts in one statement (the test's savepoints among them); a student's answer also
    # goes into their attempt and memory (study's own statements).
    with django_assert_num_queries(16):
        services.submit_answer(player=players[1], index=0, choice_id=right, now=at(2), game=game)
    with django_assert_num_queries(7):
        services.submit_answer(player=guest, index=0, choice_id=right, now=at(2), game=game)


@pytest.mark.parametrize("guests", [1, 30])
def test_the_host_view_costs_the_same_however_many_joined(
    game, teacher, class_students, guests, django_assert_num_queries
):
    services.join_game(game=game, user=class_students[0], now=at(0))
    for n in range(guests):
        services.join_game(game=game, nickname=f"guest {n}", now=at(0))
    with django_assert_num_queries(1):  # the players, with who each is
        lobby = selectors.host_view(game, now=at(1))
    assert lobby["player_count"] == guests + 1
    services.start_game(game=game, user=teacher, now=at(1))
    selectors.host_view(game, now=at(2))  # the process has read the question
    with django_assert_num_queries(3):  # players, the question's update time, the count
        selectors.host_view(game, now=at(2))


def test_a_reveal_carries_each_players_standing_and_no_phone_sees_them(
    game, teacher, class_students
):
    players = [services.join_game(game=game, user=s, now=at(0)) for s in class_students]
    services.start_game(game=game, user=teacher, now=at(0))
    right = right_choice(game).pk
    services.submit_answer(player=players[1], index=0, choice_id=right, now=at(1))
    services.submit_answer(player=players[2], index=0, choice_id=right, now=at(3))
    services.close_question(game=game, now=at(4))
    shared = selectors.shared_player_view(game, now=at(5), with_standings=True)
    # The same as each player's own three queries would say: points, rank and answer.
    assert shared["standings"] == {
        str(p.pk): selectors.player_standing(game_id=game.pk, player_id=p.pk, index=0)
        for p in players
    }
    assert [shared["standings"][str(p.pk)]["rank"] for p in players] == [3, 1, 2]
    mine = shared["standings"][str(players[0].pk)]
    view = selectors.personal_view(
        shared, nickname="ann", score=mine["score"], given=mine["given"], rank=mine["rank"]
    )
    assert "standings" not in view and "answer_key" not in view
    assert view["result"]["answered"] is False and view["rank"] == 3
