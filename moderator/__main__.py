from moderator.launcher import run

run()
