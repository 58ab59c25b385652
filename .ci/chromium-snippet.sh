# Lines for .ci/run (before the Maven build): Debian's chromium for the realtime module's browser test
# (dev.plugboard.realtime.testing.Browser drives /usr/bin/chromium through playwright-core, which
# downloads no browser of its own). Installs only when missing; non-interactive; runs as root.
if [ ! -x /usr/bin/chromium ]; then
	echo "installing chromium"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q chromium
fi
dpkg-query -W chromium
