;;; emacs_e2e.el --- Headless Emacs + eglot as a real client of `ropa lsp'  -*- lexical-binding: t; -*-
;; Uses the documented mode (editors/emacs/ropa-mode.el).  Run with -q, not -Q
;; (-Q skips Debian's site-start, which puts elpa-eglot on the load path):
;;   ROPA_BIN=/abs/ropa EXPECT_FILE=/abs/expected.tsv ROPA_FILE=/abs/activities.ropa.kdl \
;;     emacs --batch -q -l editors/tests/emacs_e2e.el
;; Passes when flymake holds exactly the findings of `ropa check' (rule and
;; line), each with its message.
(add-to-list 'load-path (expand-file-name "../emacs" (file-name-directory load-file-name)))
(require 'ropa-mode)
(setq ropa-server-command (list (getenv "ROPA_BIN") "lsp"))

(defun e2e-expected ()
  (with-temp-buffer
    (insert-file-contents (getenv "EXPECT_FILE"))
    (let (out)
      (dolist (line (split-string (buffer-string) "\n" t))
        (let ((fields (split-string line "\t")))
          (push (list (nth 0 fields) (string-to-number (nth 1 fields)) (nth 2 fields)) out)))
      (nreverse out))))

(let* ((expected (e2e-expected))
       (file (getenv "ROPA_FILE"))
       (deadline (+ (float-time) 20))
       diags
       (buffer (find-file file)))
  (princ (format "emacs %s, eglot %s, major mode %s, %d findings expected\n"
                 emacs-version (if (boundp 'eglot--version) eglot--version "1.x") major-mode (length expected)))
  ;; eglot 1.9: (eglot MANAGED-MAJOR-MODES PROJECT CLASS CONTACT LANGUAGE-ID)
  ;; The project must be the one eglot finds for the buffer (a VC project in
  ;; a git checkout), or it never sends didOpen for it.
  (eglot '(ropa-mode) (or (project-current) (cons 'transient (file-name-directory file)))
         'eglot-lsp-server ropa-server-command "ropa")
  (set-buffer buffer)
  (while (and (< (length (setq diags (with-current-buffer buffer (flymake-diagnostics)))) (length expected))
              (< (float-time) deadline))
    ;; Flymake asks eglot for diagnostics when it starts a check, which it
    ;; defers to the command loop; batch mode has none, so start it here.
    (with-current-buffer buffer (flymake-start))
    (accept-process-output nil 0.05))
  (let* ((got (mapcar (lambda (d)
                        (let ((text (flymake-diagnostic-text d)))
                          (list (if (string-match "\\[\\([a-z-]+\\)\\]" text) (match-string 1 text) "?")
                                (with-current-buffer buffer (line-number-at-pos (flymake-diagnostic-beg d)))
                                text)))
                      diags))
         (key (lambda (x) (format "%s:%d" (nth 0 x) (nth 1 x))))
         (want (sort (mapcar key expected) #'string<))
         (have (sort (mapcar key got) #'string<))
         (messages-ok (seq-every-p
                       (lambda (e) (seq-some (lambda (g) (and (= (nth 1 g) (nth 1 e))
                                                              (string-search (nth 2 e) (nth 2 g))))
                                             got))
                       expected))
         (pass (and (equal want have) messages-ok)))
    (princ (format "received %d diagnostics\n" (length got)))
    (unless pass
      (princ (format "FAIL\n  expected: %s\n  received: %s\n  messages match: %s\n" want have messages-ok)))
    (when pass (princ "PASS: the same findings as `ropa check', rule, line and message\n"))
    (ignore-errors (eglot-shutdown (eglot-current-server)))
    (kill-emacs (if pass 0 1))))
