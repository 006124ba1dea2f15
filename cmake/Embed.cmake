# Embed.cmake: turn a text file into a C string constant.
#   cmake -DIN=file.sql -DOUT=file.c -DNAME=symbol -P Embed.cmake
file(READ "${IN}" content)
string(REPLACE "\\" "\\\\" content "${content}")
string(REPLACE "\"" "\\\"" content "${content}")
string(REPLACE "\n" "\\n\"\n\"" content "${content}")
file(WRITE "${OUT}.tmp" "/* Generated from ${IN}; do not edit. */\nconst char ${NAME}[] =\n\"${content}\";\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
