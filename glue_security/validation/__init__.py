"""The one error type and everything that finds problems: messages, suggestions, wire
paths, and the reference walk that checks a value against its shape.
"""
