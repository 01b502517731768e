#!/bin/sh
# Records the board's Vietnamese voice clips (used when the device has no vi-VN speech voice)
# and its chime, into displays/audio/vi/ as small mono Ogg Opus files (16 kb/s).
#
#   apt-get install -y espeak-ng sox opus-tools      # Debian
#   sh displays/scripts/make-voice-clips.sh
#
# The word list comes from displays/src/board/vietnamese-speech.ts (CLIPS). Recorded human
# clips may replace these files one by one: same names, Ogg Opus, silence trimmed.
set -eu
cd "$(dirname "$0")/../.."
for tool in espeak-ng sox opusenc; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y espeak-ng sox opus-tools" >&2; exit 1; }
done
out=displays/audio/vi
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
encode() { opusenc --quiet --bitrate 16 --serial 1 --downmix-mono "$1" "$2"; }

npx tsx displays/scripts/list-voice-clips.ts >"$tmp/clips.tsv"
tab=$(printf '\t')
while IFS="$tab" read -r id text; do
  # A Northern voice, a little slower than the default: announcements are heard across a hall.
  espeak-ng -v vi -s 135 -w "$tmp/$id.raw.wav" "$text"
  # Trim the synthesiser's silence at both ends, keep a short breath after the word.
  sox "$tmp/$id.raw.wav" "$tmp/$id.wav" silence 1 0.01 1% reverse silence 1 0.01 1% reverse pad 0 0.06
  encode "$tmp/$id.wav" "$out/$id.ogg"
done <"$tmp/clips.tsv"

# The chime before each announcement: two soft bell notes (E5, C5).
sox -n -r 24000 -c 1 -b 16 "$tmp/ding.wav" synth 0.55 sine 659.25 fade q 0.005 0.55 0.5 vol 0.5
sox -n -r 24000 -c 1 -b 16 "$tmp/dong.wav" synth 0.8 sine 523.25 fade q 0.005 0.8 0.75 vol 0.5
sox "$tmp/ding.wav" "$tmp/dong.wav" -b 16 "$tmp/chime.wav" pad 0 0.15
encode "$tmp/chime.wav" "$out/chime.ogg"
echo "wrote $(ls "$out" | wc -l) clips to $out ($(du -sh "$out" | cut -f1))"
