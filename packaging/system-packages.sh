# Debian packages the app and its tests need. Sourced by run.sh and test.sh.
# Qt's xcb platform needs the libxcb-* and libxkbcommon-x11 libraries on a fresh system (STACK.md).
RUN_PACKAGES="python3-venv libgl1 libegl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 \
libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-shape0 \
libxcb-xinerama0 libxcb-randr0 fonts-liberation2"
# Tests: PostgreSQL server, PDF read-back and rendering, QR decoding, a virtual screen.
TEST_PACKAGES="$RUN_PACKAGES postgresql poppler-utils zbar-tools xvfb xauth gettext"

install_system_packages() {
    local wanted
    if [ "$1" = test ]; then wanted=$TEST_PACKAGES; else wanted=$RUN_PACKAGES; fi
    local missing=""
    for p in $wanted; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "Not a Debian/Ubuntu system: install the equivalent of:$missing" >&2
        return 0
    fi
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    echo "Installing system packages:$missing" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
}
