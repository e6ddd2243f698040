"""What a person reads: one terminal (styles, width, colour, links, escaping) and a renderer per
kind of result. The only layer that knows about the screen."""
