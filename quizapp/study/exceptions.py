"""What can go wrong when a student studies, each with a message a student can act on."""


class StudyError(Exception):
    """Base class: `message` is safe to show to the student as it is."""

    default_message = "That did not work. Reload the page and try again."

    def __init__(self, message: str | None = None):
        self.message = message or self.default_message
        super().__init__(self.message)


class AttemptClosed(StudyError):
    default_message = "This attempt is finished, so it takes no more answers."


class AttemptLimitReached(StudyError):
    default_message = "You have used all the attempts this quiz allows."


class TimeUp(StudyError):
    default_message = "Time is up for this attempt; answers after the time limit do not count."


class InvalidAnswer(StudyError):
    default_message = "That answer could not be read. Choose an option or type an answer."


class QuestionNotInAttempt(InvalidAnswer):
    default_message = "This question is not part of this attempt."


class InvalidRating(StudyError):
    default_message = "Rate the card with Again (1), Hard (2), Good (3) or Easy (4)."


class QuizEmpty(StudyError):
    default_message = "This quiz has no published questions yet. Ask your teacher to publish some."


class ItemUnavailable(StudyError):
    default_message = "That card or question is not published, so it cannot be studied."
