"""Packaged data: default rules, word lists, the sample thread, icons and styles.

Read these files only through :mod:`moderator.resources_access`, never by path.
"""
