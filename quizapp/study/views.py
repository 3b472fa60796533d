"""Student pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from quizapp.content.models import Document


@login_required
def home(request):
    """The student's start page: the documents there are to study."""
    documents = Document.objects.all()
    return render(request, "study/home.html", {"documents": documents})


@login_required
def deck(request, slug):
    document = get_object_or_404(Document, slug=slug)
    cards = document.flashcards.published()
    return render(request, "study/deck.html", {"document": document, "cards": cards})
