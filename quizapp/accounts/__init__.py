"""Who may do what: the Teachers group, `is_teacher`, and the views' `*_required` decorators.

The lowest layer with `ops`: every app may use it, it uses none of them.
"""
