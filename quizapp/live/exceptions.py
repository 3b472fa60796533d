"""What can go wrong in a live game, each with a message the person can act on."""


class LiveError(Exception):
    """Base class: `message` is safe to show as it is."""

    default_message = "That did not work. Reload the page and try again."

    def __init__(self, message: str | None = None):
        self.message = message or self.default_message
        super().__init__(self.message)


class GameNotFound(LiveError):
    default_message = "No game is running with that PIN. Check the six digits on the screen."


class TooManyGuesses(LiveError):
    default_message = "Too many wrong PINs from this network. Wait five minutes, then try again."


class GameOver(LiveError):
    default_message = "This game has ended."


class GuestsNotAllowed(LiveError):
    default_message = "This game is for the class only: log in to join it."


class InvalidNickname(LiveError):
    default_message = "Type a nickname of 1 to 20 characters."


class NicknameTaken(LiveError):
    default_message = "Someone in this game already has that nickname. Choose another."


class QuestionClosed(LiveError):
    default_message = "Time is up for this question: answers after it closes do not count."


class NotHost(LiveError):
    default_message = "Only the teacher who runs this game can drive it."


class PlayerRemoved(LiveError):
    default_message = "Your teacher removed you from this game: your answers no longer count."
