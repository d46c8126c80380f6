# install.mk - `make install`, `make uninstall`, `make install-timer`.
#
# Layout (PREFIX defaults to /usr/local; DESTDIR is prepended to every path):
#   $(PREFIX)/bin/dien-hinh                    the driver (pipeline/run)
#   $(PREFIX)/lib/dien-hinh/dh-*               the stage programs
#   $(PREFIX)/share/dien-hinh/templates/       plan, PDF texts, blank forms
#   $(PREFIX)/share/man/man1, man5             man pages
#   $(PREFIX)/share/doc/dien-hinh/             guides, unit and cron examples
#   $(SYSCONFDIR)/dien-hinh/dien-hinh.conf     example config, only if absent
# SYSCONFDIR is /etc for the system prefixes /usr and /usr/local (the layout
# the guides and man pages describe), else $(PREFIX)/etc, so that an install
# under another prefix (PREFIX=$HOME/dien-hinh, /opt/dien-hinh) writes
# nothing outside it.  The installed driver reads its config from there.
# The driver finds ../lib/dien-hinh and ../share/dien-hinh/templates relative
# to its own path, so the tree works under any PREFIX without editing.

SYSCONFDIR     ?= $(if $(filter /usr /usr/local,$(patsubst %/,%,$(PREFIX))),/etc,$(PREFIX)/etc)
SYSTEMDUNITDIR ?= /etc/systemd/system
INSTALL        ?= install

dh_bindir  = $(DESTDIR)$(PREFIX)/bin
dh_libdir  = $(DESTDIR)$(PREFIX)/lib/dien-hinh
dh_sharedir = $(DESTDIR)$(PREFIX)/share/dien-hinh
dh_man1dir = $(DESTDIR)$(PREFIX)/share/man/man1
dh_man5dir = $(DESTDIR)$(PREFIX)/share/man/man5
dh_docdir  = $(DESTDIR)$(PREFIX)/share/doc/dien-hinh
dh_confdir = $(DESTDIR)$(SYSCONFDIR)/dien-hinh
dh_unitdir = $(DESTDIR)$(SYSTEMDUNITDIR)

DH_MAN1  := $(sort $(wildcard docs/man/*.1))
DH_MAN5  := $(sort $(wildcard docs/man/*.5))
DH_DOCS  := $(wildcard README.md docs/ARCHITECTURE.md docs/van-hanh.md docs/huong-dan-can-bo.md)
# The rerun after a change (dien-hinh-path.path, .timer -> .service).
DH_PATH_UNITS := pipeline/dien-hinh-path.path pipeline/dien-hinh-path.service pipeline/dien-hinh-path.timer
DH_EXAMPLES := $(wildcard pipeline/dien-hinh.conf.example pipeline/dien-hinh.service \
		pipeline/dien-hinh.timer pipeline/dien-hinh.cron $(DH_PATH_UNITS))
# Shipped data: every file under templates/ except the sources of the forms.
DH_TEMPLATE_FILES = $(shell find templates -type f ! -name '*.py' ! -name '.*' | LC_ALL=C sort)

# The units name the driver and the config by their default paths; installing
# rewrites them for this PREFIX and SYSCONFDIR.
DH_UNIT_SED = -e 's|/usr/local/|$(PREFIX)/|g' \
	      -e 's|/etc/dien-hinh/|$(SYSCONFDIR)/dien-hinh/|g'

.PHONY: install uninstall install-timer uninstall-timer

install: $(PROGS)
	$(INSTALL) -d $(dh_bindir) $(dh_libdir) $(dh_sharedir)/templates $(dh_man1dir) \
		$(dh_man5dir) $(dh_docdir) $(dh_confdir)
	sed -e 's|/etc/dien-hinh/|$(SYSCONFDIR)/dien-hinh/|g' pipeline/run >$(dh_bindir)/dien-hinh.tmp
	chmod 755 $(dh_bindir)/dien-hinh.tmp
	mv $(dh_bindir)/dien-hinh.tmp $(dh_bindir)/dien-hinh
	$(INSTALL) -m 755 $(PROGS) $(dh_libdir)/
	@set -e; for f in $(DH_TEMPLATE_FILES); do \
		d=$(dh_sharedir)/$$(dirname $$f); \
		$(INSTALL) -d "$$d"; $(INSTALL) -m 644 "$$f" "$$d/"; \
	done; echo "installed templates/ -> $(dh_sharedir)/templates"
	$(if $(DH_MAN1),$(INSTALL) -m 644 $(DH_MAN1) $(dh_man1dir)/)
	$(if $(DH_MAN5),$(INSTALL) -m 644 $(DH_MAN5) $(dh_man5dir)/)
	$(if $(DH_DOCS),$(INSTALL) -m 644 $(DH_DOCS) $(dh_docdir)/)
	$(if $(DH_EXAMPLES),$(INSTALL) -m 644 $(DH_EXAMPLES) $(dh_docdir)/)
	@if [ -e $(dh_confdir)/dien-hinh.conf ]; then \
		echo "kept $(dh_confdir)/dien-hinh.conf (already present)"; \
	else \
		sed $(DH_UNIT_SED) pipeline/dien-hinh.conf.example >$(dh_confdir)/dien-hinh.conf.tmp && \
		chmod 644 $(dh_confdir)/dien-hinh.conf.tmp && \
		mv $(dh_confdir)/dien-hinh.conf.tmp $(dh_confdir)/dien-hinh.conf && \
		echo "installed $(dh_confdir)/dien-hinh.conf"; \
	fi

# Removes what install put there.  The config file goes only when it is still
# the shipped example (an edited one is kept, and said so).
uninstall:
	rm -f $(dh_bindir)/dien-hinh
	rm -rf $(dh_libdir) $(dh_sharedir) $(dh_docdir)
	@set -e; for f in $(notdir $(DH_MAN1)); do rm -f $(dh_man1dir)/$$f; done; \
	for f in $(notdir $(DH_MAN5)); do rm -f $(dh_man5dir)/$$f; done
	@c=$(dh_confdir)/dien-hinh.conf; \
	if [ -f "$$c" ]; then \
		if sed $(DH_UNIT_SED) pipeline/dien-hinh.conf.example | cmp -s - "$$c"; then \
			rm -f "$$c"; rmdir $(dh_confdir) 2>/dev/null || true; \
		else echo "kept $$c (edited; remove it by hand if no longer needed)"; fi; \
	fi

# The monthly schedule and the rerun after a change: installs the services,
# the timers and the path unit, and on a live systemd machine (no DESTDIR)
# reloads systemd and enables them.
install-timer:
	$(INSTALL) -d $(dh_unitdir)
	@set -e; for f in pipeline/dien-hinh.service pipeline/dien-hinh.timer $(DH_PATH_UNITS); do \
		sed $(DH_UNIT_SED) $$f >$(dh_unitdir)/$$(basename $$f); \
		chmod 644 $(dh_unitdir)/$$(basename $$f); \
	done
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		systemctl daemon-reload && \
		systemctl enable --now dien-hinh.timer dien-hinh-path.path dien-hinh-path.timer && \
		systemctl list-timers --no-pager dien-hinh.timer; \
	else \
		echo "units installed in $(dh_unitdir); enable with: systemctl daemon-reload && systemctl enable --now dien-hinh.timer dien-hinh-path.path dien-hinh-path.timer"; \
	fi

uninstall-timer:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		systemctl disable --now dien-hinh.timer dien-hinh-path.path dien-hinh-path.timer 2>/dev/null || true; fi
	rm -f $(dh_unitdir)/dien-hinh.service $(dh_unitdir)/dien-hinh.timer \
		$(addprefix $(dh_unitdir)/,$(notdir $(DH_PATH_UNITS)))
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
