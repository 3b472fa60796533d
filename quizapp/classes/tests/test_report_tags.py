import pytest
from django.template import Context, Template


@pytest.mark.parametrize(
    "text",
    ["", "Paris", "x" * 60, "x" * 61, "Cafe\u0301 au lait " * 5, "e\u0301" * 60, "\u2126" * 70],
)
def test_shorten_prints_what_truncatechars_prints(text):
    ours = Template("{% load report_tags %}{{ text|shorten:60 }}").render(Context({"text": text}))
    django = Template("{{ text|truncatechars:60 }}").render(Context({"text": text}))
    assert ours == django


def test_shorten_cuts_long_text_with_an_ellipsis():
    out = Template("{% load report_tags %}{{ text|shorten:10 }}").render(
        Context({"text": "A rather long <answer>"})
    )
    assert out == "A rather …"
