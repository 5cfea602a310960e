"""The constraint data: shape kinds, patterns, the service model's named shapes, timestamps
and UTF-8 sizes, as one plain tree that every other part reads. It imports no other part.
"""
