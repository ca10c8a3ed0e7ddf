#!/usr/bin/env python3
"""The man pages and shell completions of vanban, from vanban-doc (gen/cli/doc_main.c, which
reads the table the program prints its --help from).

  make_docs.py build VANBAN_DOC SCDOC OUTDIR STAMP
      OUTDIR/man/man1/NAME.1 (English), OUTDIR/man/vi/man1/NAME.1 (Vietnamese),
      OUTDIR/bash-completion/vanban, OUTDIR/zsh/_vanban; then touches STAMP.
  make_docs.py install OUTDIR
      copies them under $MESON_INSTALL_DESTDIR_PREFIX/share: man/, man/vi/,
      bash-completion/completions/, zsh/site-functions/ (the places man, bash-completion and
      zsh look in)."""
import os, shutil, subprocess, sys


def run(args, stdin=None):
    return subprocess.run(args, input=stdin, stdout=subprocess.PIPE, check=True).stdout


def build(doc, scdoc, outdir, stamp):
    # scdoc writes the date of SOURCE_DATE_EPOCH when set: the pages do not change from one
    # build to the next. The date is the project's, not the build's.
    env_epoch = os.environ.get('SOURCE_DATE_EPOCH', '1735689600')
    os.environ['SOURCE_DATE_EPOCH'] = env_epoch
    pages = run([doc, 'pages']).decode().split()
    for lang, where in (('en', os.path.join(outdir, 'man', 'man1')),
                        ('vi', os.path.join(outdir, 'man', 'vi', 'man1'))):
        os.makedirs(where, exist_ok=True)
        for page in pages:
            source = run([doc, 'man', page, lang])
            roff = run([scdoc], stdin=source)
            with open(os.path.join(where, page + '.1'), 'wb') as f:
                f.write(roff)
    for shell, name in (('bash', 'vanban'), ('zsh', '_vanban')):
        where = os.path.join(outdir, 'bash-completion' if shell == 'bash' else 'zsh')
        os.makedirs(where, exist_ok=True)
        with open(os.path.join(where, name), 'wb') as f:
            f.write(run([doc, shell]))
    with open(stamp, 'w') as f:
        f.write('\n'.join(pages) + '\n')


def install(outdir):
    prefix = os.environ['MESON_INSTALL_DESTDIR_PREFIX']
    share = os.path.join(prefix, 'share')
    targets = [
        (os.path.join(outdir, 'man', 'man1'), os.path.join(share, 'man', 'man1')),
        (os.path.join(outdir, 'man', 'vi', 'man1'), os.path.join(share, 'man', 'vi', 'man1')),
        (os.path.join(outdir, 'bash-completion'), os.path.join(share, 'bash-completion', 'completions')),
        (os.path.join(outdir, 'zsh'), os.path.join(share, 'zsh', 'site-functions')),
    ]
    for source, dest in targets:
        os.makedirs(dest, exist_ok=True)
        for name in sorted(os.listdir(source)):
            if os.path.isfile(os.path.join(source, name)):
                shutil.copyfile(os.path.join(source, name), os.path.join(dest, name))
                os.chmod(os.path.join(dest, name), 0o644)
                print('Installing %s to %s' % (name, dest))


if __name__ == '__main__':
    if len(sys.argv) == 6 and sys.argv[1] == 'build':
        build(*sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == 'install':
        install(sys.argv[2])
    else:
        sys.exit(__doc__)
