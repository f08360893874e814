"""The documents generated from the program: shell completion scripts and the man page.

``python -m lwm2m_shell.docgen`` writes them (``completions/``, ``man/``); ``--check`` says
whether the committed files are current. The generators take the command line's parser as an
argument: only ``__main__`` imports ``lwm2m_shell.cli``, so ``cli`` can import the leaves here
(``facts`` for ``--help``, ``completions`` for ``--completions``) without an import circle.
"""
