;;; ropa-mode.el --- Major mode for ropa spec files, with eglot -*- lexical-binding: t; -*-

;; Spec files are `*.ropa.kdl' plus the workspace file `ropa.kdl'; other
;; `.kdl' files are left alone.  The language server is `ropa lsp'.
;;
;; Usage (init.el):
;;   (add-to-list 'load-path "/path/to/ropa/editors/emacs")
;;   (require 'ropa-mode)
;;   (add-hook 'ropa-mode-hook #'eglot-ensure)
;;   ;; if `ropa' is not on exec-path:
;;   ;; (setq ropa-server-command '("/path/to/ropa" "lsp"))

;;; Code:

(require 'eglot)

(defgroup ropa nil "ropa spec files." :group 'languages)

(defcustom ropa-server-command '("ropa" "lsp")
  "The language server: a program and its arguments."
  :type '(repeat string))

(defvar ropa-mode-syntax-table
  (let ((table (make-syntax-table)))
    ;; `//' line comments and `/* */' block comments.
    (modify-syntax-entry ?/ ". 124b" table)
    (modify-syntax-entry ?* ". 23" table)
    (modify-syntax-entry ?\n "> b" table)
    (modify-syntax-entry ?\" "\"" table)
    ;; Ids such as `legal-obligation' and `e-conomic' are one word.
    (modify-syntax-entry ?- "_" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?. "_" table)
    table)
  "Syntax table for `ropa-mode'.")

(defconst ropa-font-lock-keywords
  `((,(rx line-start (* space)
          (group (or "organization" "data" "subjects" "processor" "subprocessor" "recipient" "activity"))
          (+ space) (group (+ (or word (syntax symbol)))))
     (1 font-lock-keyword-face) (2 font-lock-function-name-face))
    (,(rx line-start (* space) (group (+ (or word (syntax symbol)))))
     (1 font-lock-builtin-face))
    (,(rx (group (+ (or word (syntax symbol)))) "=") (1 font-lock-variable-name-face))
    (,(rx "#" (or "true" "false" "null")) . font-lock-constant-face)
    (,(rx symbol-start (= 2 upper) symbol-end) . font-lock-constant-face))
  "Highlighting for `ropa-mode'.")

;;;###autoload
(define-derived-mode ropa-mode prog-mode "ropa"
  "Major mode for ropa spec files (GDPR records of processing in KDL)."
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width 4)
  (setq-local font-lock-defaults '(ropa-font-lock-keywords)))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.ropa\\.kdl\\'" . ropa-mode))
;;;###autoload
(add-to-list 'auto-mode-alist '("/ropa\\.kdl\\'" . ropa-mode))

(add-to-list 'eglot-server-programs
             `(ropa-mode . ,(lambda (&rest _) ropa-server-command)))

(provide 'ropa-mode)
;;; ropa-mode.el ends here
