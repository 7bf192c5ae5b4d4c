"""The floor for the dashboard's figures: a bare Textual app of a header, one static and a footer.

Run as ``python bench/bare_app.py`` in a terminal; ctrl+q quits.
"""

from textual.app import App
from textual.widgets import Footer, Header, Static


class Bare(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()


if __name__ == "__main__":
    Bare().run()
