"""The command line: the core plus plain text (and Rich where it prints rich output). No Textual."""
