"""A whole live game in the browser: a teacher's projector and three phones (two students
of the class and a guest), over real WebSockets served by daphne."""

import re

import pytest
from playwright.sync_api import expect

from quizapp.live.models import LiveAnswer, LiveGame
from quizapp.study.models import Attempt, ReviewLog
from tests.browser import asgi_server
from tests.browser.pages import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def asgi_live_server(django_db_blocker):
    with django_db_blocker.unblock():
        server, stop = asgi_server.start()
    yield server
    stop()


@pytest.fixture
def live_game_setup(transactional_db, asgi_live_server, teacher, make_user):
    from quizapp.classes.tests.factories import AssignmentFactory, ClassroomFactory
    from quizapp.content.models import Question
    from quizapp.content.tests.factories import QuestionFactory
    from quizapp.study.tests.factories import QuizFactory

    ann, ben = make_user("ann"), make_user("ben")
    questions = [
        QuestionFactory(
            kind=Question.Kind.MULTIPLE_CHOICE,
            prompt="Which city is the capital of France?",
            answer="Paris",
            choices=["Lyon", "Paris", "Nice", "Lille"],
        ),
        QuestionFactory(
            kind=Question.Kind.TRUE_FALSE, prompt="The Seine flows through Paris.", answer="True"
        ),
        QuestionFactory(prompt="Which river flows through Paris?", answer="the Seine"),
    ]
    quiz = QuizFactory(title="Paris", questions=questions)
    classroom = ClassroomFactory(teacher=teacher, students=[ann, ben], name="Year 9")
    assignment = AssignmentFactory(classroom=classroom, quiz=quiz, title="Paris live")
    return classroom, assignment


def phone(browser, server, *, username=None):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    if username:
        sign_in(page, server, username)
    return page


def test_a_whole_game_with_a_host_and_three_players(
    browser, page, asgi_live_server, live_game_setup, assert_accessible, console_errors
):
    server = asgi_live_server
    classroom, assignment = live_game_setup

    # The teacher runs the assignment live, guests allowed.
    sign_in(page, server, "teacher_t")
    page.goto(f"{server.url}/classes/{classroom.join_code}/")
    page.get_by_role("link", name="Run live Paris live").click()
    page.get_by_label("Let guests join with a nickname").check()
    page.get_by_role("button", name="Open the lobby").click()
    expect(page.locator(".live-status")).to_have_text("Connected")
    game = LiveGame.objects.get()
    expect(page.locator(".pin")).to_have_text(game.pin)
    expect(page.locator(".qr svg")).to_be_visible()
    assert_accessible(page)

    # Two students of the class join from home; a guest follows the QR code's link.
    ann = phone(browser, server, username="ann")
    ann.get_by_role("link", name="Join a live game").click()
    ann.get_by_label("Game PIN").fill(game.pin)
    ann.get_by_role("button", name="Join").click()
    expect(ann.get_by_role("heading", name="You are in!")).to_be_visible()
    ben = phone(browser, server, username="ben")
    ben.goto(f"{server.url}/live/")
    ben.get_by_label("Game PIN").fill(game.pin)
    ben.get_by_role("button", name="Join").click()
    guest = phone(browser, server)
    guest.goto(f"{server.url}/live/?pin={game.pin}")
    guest.get_by_label("Nickname").fill("Zed")
    guest.get_by_role("button", name="Join").click()
    # The lobby says who is of the class and who is a guest, in words.
    joined = page.locator("[data-show=lobby] .joined li")
    expect(joined.locator("span:first-child")).to_have_text(["ann", "ben", "Zed"])
    expect(joined.locator(".badge")).to_have_text(["class", "class", "guest"])
    assert_accessible(page)

    # Question 1, started by keyboard: two right, one wrong; the last answer closes it.
    page.keyboard.press("Space")
    expect(page.locator("#prompt")).to_have_text("Which city is the capital of France?")
    expect(ann.locator(".prompt")).to_have_text("Which city is the capital of France?")
    assert_accessible(ann)
    ann.get_by_role("button", name="B Paris").click()
    expect(ann.get_by_text("Your answer: B Paris. Wait for the results.")).to_be_visible()
    expect(page.locator(".answered")).to_have_text("1 of 3 answered")
    ben.get_by_role("button", name="A Lyon").click()
    guest.get_by_role("button", name="B Paris").click()
    expect(page.locator(".right-answer")).to_have_text("Right answer: Paris")
    expect(page.locator(".share")).to_contain_text("67% right (2 right, 1 wrong)")
    expect(page.locator(".bar.right")).to_contain_text("B Paris ✓ right answer")
    expect(page.locator(".top li")).to_have_count(3)
    assert_accessible(page)
    expect(ann.locator(".verdict")).to_have_text("✓ Right!")
    expect(ben.locator(".verdict")).to_have_text("✗ Wrong")
    expect(ben.get_by_text("Right answer: Paris")).to_be_visible()

    # Question 2: Ann answers, reloads, and finds her answer still there.
    page.keyboard.press("Enter")
    expect(ann.locator(".prompt")).to_have_text("The Seine flows through Paris.")
    ann.get_by_role("button", name="A True").click()
    expect(ann.get_by_text("Your answer: A True.")).to_be_visible()
    ann.reload()
    expect(ann.get_by_role("button", name="A True · your answer")).to_be_disabled()
    ben.get_by_role("button", name="A True").click()
    guest.get_by_role("button", name="B False").click()
    expect(page.locator(".share")).to_contain_text("67% right")

    # Question 3 is typed, and graded leniently.
    page.get_by_role("button", name=re.compile("Next question")).click()
    for player, text in ((ann, "seine"), (ben, "Thames"), (guest, "The Seine")):
        player.get_by_label("Your answer").fill(text)
        player.get_by_role("button", name="Send").click()
    expect(page.locator(".right-answer")).to_have_text("Right answer: the Seine")
    expect(ann.locator(".verdict")).to_have_text("✓ Right!")

    # Finish: the podium, and the class report link.
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", name="Podium")).to_be_visible()
    expect(page.locator(".podium li")).to_have_count(3)
    expect(ann.get_by_role("heading", name="Game over")).to_be_visible()
    page.get_by_role("link", name="Open the class report").click()
    expect(page).to_have_url(re.compile(f"/classes/{classroom.join_code}/report/"))

    assert LiveAnswer.objects.count() == 9
    assert Attempt.objects.filter(finished_at__isnull=False).count() == 2
    assert ReviewLog.objects.filter(student__username="ann").count() == 3
    assert console_errors == []


def test_the_host_removes_a_guest_whose_phone_says_so(
    browser, page, asgi_live_server, live_game_setup, assert_accessible, console_errors
):
    server = asgi_live_server
    classroom, assignment = live_game_setup
    sign_in(page, server, "teacher_t")
    page.goto(f"{server.url}/live/new/?assignment={assignment.pk}")
    page.get_by_label("Let guests join with a nickname").check()
    page.get_by_role("button", name="Open the lobby").click()
    expect(page.locator(".live-status")).to_have_text("Connected")
    game = LiveGame.objects.get()
    guest = phone(browser, server)
    guest.goto(f"{server.url}/live/?pin={game.pin}")
    guest.get_by_label("Nickname").fill("Rude")
    guest.get_by_role("button", name="Join").click()
    expect(guest.get_by_role("heading", name="You are in!")).to_be_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Remove Rude").click()
    expect(page.locator("[data-show=lobby] .joined li")).to_have_count(0)
    expect(guest.get_by_role("heading", name="You were removed from this game")).to_be_visible()
    expect(guest.locator(".live-status")).to_have_text("Removed from the game")
    assert_accessible(guest)
    # A reload keeps them out; the PIN form says why.
    guest.goto(f"{server.url}/live/?pin={game.pin}")
    guest.get_by_label("Nickname").fill("Polite")
    guest.get_by_role("button", name="Join").click()
    expect(guest.get_by_text("Your teacher removed you from this game")).to_be_visible()
    assert console_errors == []
