"""What the letter composer raises when it cannot write a letter."""


class LetterError(ValueError):
    """The writer's input cannot make a letter; the message says why, for the writer."""
