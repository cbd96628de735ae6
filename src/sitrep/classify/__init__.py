"""Learned sentence classification: ACLED's sub-event type of a sentence, or none.

``features`` turns text into vectors, ``softmax`` fits and applies a multinomial
logistic regression in numpy, ``typer`` loads the shipped weights and answers for
sentences.  ``scripts/train_event_typer.py`` rebuilds the weights from
``training/event_types/``.
"""
