"""Files as users have them: JSON and YAML read with positions, files found on disk, and
envelopes (payloads that name their own shape).
"""
