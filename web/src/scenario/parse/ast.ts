/**
 * The syntax tree of a scenario, as written (types unresolved, names
 * unbound). The checker turns it into the typed IR in sema/ir.ts. Every node
 * has the source range it covers, so any error can point at it.
 */
import type { SourceRange } from '../diagnostics';
import type { IntLiteralType } from '../lex/literals';

export type At = SourceRange;

export type Expr =
  | { kind: 'ident'; name: string; at: At }
  | { kind: 'int'; value: bigint; type: IntLiteralType | 'char'; at: At }
  | { kind: 'string'; bytes: number[]; at: At }
  | { kind: 'unary'; op: '-' | '+' | '!' | '~' | '*' | '&' | '++' | '--'; operand: Expr; at: At }
  | { kind: 'postfix'; op: '++' | '--'; operand: Expr; at: At }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; at: At; opAt: At }
  | { kind: 'assign'; op: AssignOp; left: Expr; right: Expr; at: At; opAt: At }
  | { kind: 'cond'; cond: Expr; then: Expr; else: Expr; at: At }
  | { kind: 'comma'; left: Expr; right: Expr; at: At }
  | { kind: 'call'; callee: Expr; args: Expr[]; at: At }
  | { kind: 'index'; base: Expr; index: Expr; at: At }
  | { kind: 'member'; base: Expr; name: string; arrow: boolean; at: At; nameAt: At }
  | { kind: 'cast'; type: TypeName; operand: Expr; at: At }
  | { kind: 'sizeofType'; type: TypeName; at: At }
  | { kind: 'sizeofExpr'; operand: Expr; at: At }
  /** Stands in for an expression that did not parse; already diagnosed. */
  | { kind: 'error'; at: At };

export type BinaryOp =
  | '*' | '/' | '%' | '+' | '-' | '<<' | '>>' | '<' | '>' | '<=' | '>=' | '==' | '!='
  | '&' | '^' | '|' | '&&' | '||';
export type AssignOp = '=' | '*=' | '/=' | '%=' | '+=' | '-=' | '<<=' | '>>=' | '&=' | '^=' | '|=';

export type StorageClass = 'typedef' | 'static' | 'extern' | 'auto' | 'register';

export type TypeSpec =
  | { kind: 'builtin'; words: string[]; at: At }
  | { kind: 'typedefName'; name: string; at: At }
  | { kind: 'struct'; union: boolean; tag?: string; members?: MemberDecl[]; at: At; fromPrelude: boolean }
  | { kind: 'enum'; tag?: string; enumerators?: Enumerator[]; at: At };

export interface DeclSpec {
  storage?: StorageClass;
  type: TypeSpec;
  isConst: boolean;
  isVolatile: boolean;
  isInline: boolean;
  noreturn: boolean;
  at: At;
}

export type Deriv =
  | { kind: 'ptr'; isConst: boolean; isVolatile: boolean; at: At }
  | { kind: 'array'; size?: Expr; at: At }
  | { kind: 'func'; params: ParamDecl[]; variadic: boolean; at: At };

/** A (possibly abstract) declarator; `chain[0]` applies to the base type first. */
export interface Declarator {
  name?: string;
  nameAt: At;
  chain: Deriv[];
  at: At;
}

export interface ParamDecl { spec: DeclSpec; declarator: Declarator; at: At }
export interface MemberDecl { spec: DeclSpec; declarator: Declarator; at: At }
export interface Enumerator { name: string; value?: Expr; at: At }
export interface TypeName { spec: DeclSpec; declarator: Declarator; at: At }

export type Designator = { kind: 'field'; name: string; at: At } | { kind: 'index'; index: Expr; at: At };
export type Initializer =
  | { kind: 'expr'; expr: Expr; at: At }
  | { kind: 'list'; items: { designators: Designator[]; init: Initializer }[]; at: At };

export interface InitDeclarator { declarator: Declarator; init?: Initializer }
export interface Declaration { kind: 'decl'; spec: DeclSpec; declarators: InitDeclarator[]; at: At }

export type Stmt =
  | { kind: 'block'; items: Stmt[]; at: At; endAt: At }
  | { kind: 'decl'; decl: Declaration; at: At }
  | { kind: 'expr'; expr: Expr; at: At }
  | { kind: 'empty'; at: At }
  | { kind: 'if'; cond: Expr; then: Stmt; else?: Stmt; at: At }
  | { kind: 'while'; cond: Expr; body: Stmt; at: At }
  | { kind: 'do'; body: Stmt; cond: Expr; at: At }
  | { kind: 'for'; init?: Declaration | Expr; cond?: Expr; step?: Expr; body: Stmt; at: At }
  | { kind: 'switch'; value: Expr; body: Stmt; at: At }
  | { kind: 'case'; value: Expr; body: Stmt; at: At }
  | { kind: 'default'; body: Stmt; at: At }
  | { kind: 'break'; at: At }
  | { kind: 'continue'; at: At }
  | { kind: 'return'; value?: Expr; at: At };

export interface FunctionDef {
  kind: 'function';
  spec: DeclSpec;
  declarator: Declarator;
  body: Stmt & { kind: 'block' };
  at: At;
}

export type ExternalDecl = Declaration | FunctionDef;

export interface TranslationUnit { decls: ExternalDecl[] }
