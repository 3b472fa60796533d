"""The answer's words marked in the source sentence, everything else escaped."""

from quizapp.teach.marking import answer_words, mark_answer


def test_whole_words_of_the_answer_are_marked_case_insensitively():
    out = mark_answer("Grand Duke Gediminas founded Vilnius; gediminas ruled.", "Gediminas")
    assert out == "Grand Duke <mark>Gediminas</mark> founded Vilnius; <mark>gediminas</mark> ruled."


def test_small_words_are_not_marked_and_numbers_are():
    assert answer_words("The Bay of Pigs") == ["bay", "pigs"]
    assert str(mark_answer("In 1866 the waltz", "1866")) == "In <mark>1866</mark> the waltz"
    assert str(mark_answer("the Danube", "the")) == "the Danube"


def test_text_is_escaped():
    out = mark_answer('<script>x</script> "Riga" & Vilnius', "Riga")
    assert out == "&lt;script&gt;x&lt;/script&gt; &quot;<mark>Riga</mark>&quot; &amp; Vilnius"
