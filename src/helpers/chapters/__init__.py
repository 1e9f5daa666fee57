"""One module (or package) per book chapter: tables, glued numbers and charts of that chapter."""
