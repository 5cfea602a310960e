"""Files as users have them: JSON and YAML read with positions, files found on disk,
envelopes (payloads that name their own shape), and the severities of findings.
"""
