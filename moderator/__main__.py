import sys

from moderator.launcher import main

sys.exit(main())
