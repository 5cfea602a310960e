"""The API as Python classes: the model bases, enums, data types, requests and responses,
the service's errors, the ten operations' table and the registry of every shape by name.
"""
