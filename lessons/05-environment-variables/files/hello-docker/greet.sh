#!/bin/bash
# Greets whoever runs it. Set GREETING and NAME to change the words.
echo "${GREETING:-Hello}, ${NAME:-world}!"
