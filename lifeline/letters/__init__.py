"""Composing appeal letters (pure: no Django here) and, around it, rendering them."""

from lifeline.letters.compose import Letter, Writer, compose
from lifeline.letters.errors import LetterError

__all__ = ["Letter", "LetterError", "Writer", "compose"]
