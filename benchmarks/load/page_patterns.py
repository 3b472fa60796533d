"""What a scripted student reads from the pages: tokens, ids and links, as htmx sends them.

Shared by the load benchmark's locustfile and `make faults` (benchmarks/faults/run.py).
"""

import re

CSRF_HEADER = re.compile(r'"X-CSRFToken": "([^"]+)"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CARD = re.compile(r'name="card" value="(\d+)"')
REVEAL = re.compile(r'href="([^"]*\?card=\d+&amp;reveal=1&amp;shown=\d+)"')
QUESTION = re.compile(r'name="question" value="(\d+)"')
CHOICE = re.compile(r'name="choice" value="(\d+)"')
SHOWN = re.compile(r'name="shown" value="(\d*)"')
ATTEMPT = re.compile(r"/attempts/(\d+)/")
HTMX = {"HX-Request": "true"}
