package i18n

import (
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"sync/atomic"
)

// ptBR maps each English message key to its Brazilian Portuguese text.
// English needs no table: a key is its own English text.
var ptBR = map[string]string{
	// layout
	"Markets": "Mercados", "Forum": "Fórum", "Alerts": "Alertas", "Wallet": "Carteira",
	"Hi, %s": "Olá, %s", "Exit": "Sair", "Log in": "Entrar", "Sign up": "Criar conta",
	"Search tickers": "Buscar ativos", "Search": "Buscar", "Theme": "Tema", "Light": "Claro", "Dark": "Escuro",
	"System": "Sistema", "Language": "Idioma", "Skip to content": "Pular para o conteúdo",
	"Main navigation":            "Navegação principal",
	"Tickers, e.g. PETR4, VALE3": "Ativos, ex.: PETR4, VALE3",
	// home
	"About": "Sobre",
	"Live quotes, a forum, price alerts and a balanced wallet for people who invest on B3.":                                                                     "Cotações ao vivo, um fórum, alertas de preço e uma carteira balanceada para quem investe na B3.",
	"Stonks is a place for people who invest on B3: follow live quotes, talk about stocks and funds, get price alerts by e-mail and keep your wallet balanced.": "Stonks é um lugar para quem investe na B3: acompanhe cotações ao vivo, converse sobre ações e fundos, receba alertas de preço por e-mail e mantenha sua carteira balanceada.",
	"Rooms about stocks, funds and the market, with messages that arrive live.":                                                                                 "Salas sobre ações, fundos e o mercado, com mensagens que chegam ao vivo.",
	"Pick stocks from the IBOVESPA or real-estate funds from the IFIX and follow them live.":                                                                    "Escolha ações do IBOVESPA ou fundos imobiliários do IFIX e acompanhe ao vivo.",
	"Set target weights for your holdings and see what to buy to rebalance.":                                                                                    "Defina pesos-alvo para seus ativos e veja o que comprar para rebalancear.",
	"Go to the forum": "Ir para o fórum", "Open your wallet": "Abrir sua carteira", "Price alerts": "Alertas de preço",
	"Get an e-mail when a ticker enters your buy or sell zone.": "Receba um e-mail quando um ativo entrar na sua zona de compra ou venda.",
	// accounts
	"Username": "Usuário", "E-mail": "E-mail", "Password": "Senha", "Password confirmation": "Confirmação de senha",
	"Create account": "Criar conta", "Already have an account?": "Já tem uma conta?", "No account yet?": "Ainda não tem conta?",
	"Log out": "Sair", "Do you want to log out?": "Deseja sair?", "Cancel": "Cancelar",
	"Profile": "Perfil", "Member since %s": "Membro desde %s",
	"Letters, digits and @/./+/-/_ only; 150 characters or fewer.":                           "Apenas letras, dígitos e @/./+/-/_; até 150 caracteres.",
	"At least 8 characters, not only digits, not a common password, not like your username.": "Pelo menos 8 caracteres, não só dígitos, não uma senha comum, não parecida com seu usuário.",
	"This field is required.": "Este campo é obrigatório.",
	// numbers and tickers (app/forms)
	"Use a comma for decimals: %s or %s.":                                                        "Use vírgula para decimais: %s ou %s.",
	"Use a point for decimals: %s or %s.":                                                        "Use ponto para decimais: %s ou %s.",
	"Enter a number, e.g. %s.":                                                                   "Informe um número, ex.: %s.",
	"Use at most 8 decimal places.":                                                              "Use no máximo 8 casas decimais.",
	"Enter a price of at most %s.":                                                               "Informe um preço de no máximo %s.",
	"Use at most 2 decimal places.":                                                              "Use no máximo 2 casas decimais.",
	"Enter one ticker, e.g. PETR4.":                                                              "Informe um ativo, ex.: PETR4.",
	"%s is not listed in IBOV or IFIX.":                                                          "%s não está listado no IBOV nem no IFIX.",
	"Remove the control characters from this field.":                                             "Remova os caracteres de controle deste campo.",
	"Use only letters, digits and @/./+/-/_.":                                                    "Use apenas letras, dígitos e @/./+/-/_.",
	"Ensure this value has at most %d characters.":                                               "Certifique-se de que o valor tenha no máximo %d caracteres.",
	"A user with that username already exists.":                                                  "Já existe um usuário com esse nome.",
	"Enter a valid e-mail address.":                                                              "Informe um endereço de e-mail válido.",
	"The two password fields didn't match.":                                                      "Os dois campos de senha não conferem.",
	"This password is too short. It must contain at least 8 characters.":                         "Esta senha é muito curta. Ela precisa conter pelo menos 8 caracteres.",
	"This password is entirely numeric.":                                                         "Esta senha é inteiramente numérica.",
	"This password is too common.":                                                               "Esta senha é muito comum.",
	"The password is too similar to the username.":                                               "A senha é muito parecida com o nome de usuário.",
	"Please enter a correct username and password. Note that both fields may be case-sensitive.": "Por favor, informe um usuário e senha corretos. Note que a senha diferencia maiúsculas e minúsculas.",
	"Too many failed logins. Try again in %d seconds.":                                           "Muitas tentativas de login falharam. Tente novamente em %d segundos.",
	"Too many sign-ups from your address. Try again in %d minutes.":                              "Muitos cadastros a partir do seu endereço. Tente novamente em %d minutos.",
	"Your alerts": "Seus alertas", "Rooms": "Salas", "Messages": "Mensagens", "Topics": "Tópicos",
	"Nothing here yet.": "Nada aqui ainda.",
	// markets and tracker
	"Stock picker": "Seletor de ativos", "Stock tracker": "Acompanhamento de ativos",
	"Stock": "Ativo", "Price": "Preço", "Close": "Fechamento", "Open": "Abertura", "Change": "Variação",
	"52 Week": "52 semanas", "Market Cap": "Valor de mercado", "Volume": "Volume", "Updated": "Atualizado",
	"Links": "Links", "Chart": "Gráfico", "Alert": "Alerta", "stale": "desatualizado", "no quote yet": "sem cotação ainda",
	"Not found in IBOV or IFIX.": "Não encontrado no IBOV nem no IFIX.", "Not a ticker:": "Não é um ativo:",
	"Prices refresh every %d seconds.": "Os preços são atualizados a cada %d segundos.",
	"Market closed":                    "Mercado fechado", "since %s; prices are from the last session.": "desde %s; os preços são do último pregão.",
	"Pick tickers from a market, or type them in the search box: PETR4, VALE3 ITUB4.": "Escolha ativos de um mercado ou digite-os na busca: PETR4, VALE3 ITUB4.",
	"Filter by ticker, name or sector":                                                "Filtrar por código, nome ou setor", "Filter": "Filtrar",
	"Track selected": "Acompanhar selecionados", "%d assets": "%d ativos", "Nothing matches your filter.": "Nada corresponde ao filtro.",
	"1 selected": "1 selecionado", "{n} selected": "{n} selecionados",
	"%d assets match “%s”; showing the first %d.": "%d ativos correspondem a “%s”; mostrando os %d primeiros.",
	"See them all in the picker":                  "Ver todos no seletor",
	// graph
	"Price chart": "Gráfico de preços", "Live quote": "Cotação ao vivo", "Create an alert": "Criar um alerta",
	"Range": "Período", "1 month": "1 mês", "3 months": "3 meses", "6 months": "6 meses", "1 year": "1 ano",
	"5 years": "5 anos", "max": "máximo", "%s over %s": "%s em %s", "Last close": "Último fechamento",
	"Change over the range": "Variação no período", "%d trading days": "%d pregões", "Latest trading days": "Últimos pregões",
	"Day": "Dia", "High": "Máxima", "Low": "Mínima", "No price history for this range.": "Sem histórico de preços para este período.",
	"Candlestick chart of %s over %s, with volume and 20- and 50-day moving averages.": "Gráfico de candles de %s em %s, com volume e médias móveis de 20 e 50 dias.",
	// embed
	"Embed this table": "Incorpore esta tabela", "Copy this snippet into your site's HTML:": "Copie este trecho para o HTML do seu site:",
	"Quotes by Stonks": "Cotações por Stonks",
	// errors
	"Page not found": "Página não encontrada", "The page you asked for does not exist.": "A página que você pediu não existe.",
	"Something went wrong": "Algo deu errado", "We could not complete your request. Please try again.": "Não conseguimos completar seu pedido. Tente novamente.",
	"Forbidden": "Proibido", "Your request was refused. Reload the page and try again.": "Seu pedido foi recusado. Recarregue a página e tente novamente.",
	"Back to the home page": "Voltar para a página inicial", "Too many requests": "Muitas requisições",
	"Request too large": "Requisição grande demais",
	// time
	"just now": "agora mesmo", "%d minute ago": "há %d minuto", "%d minutes ago": "há %d minutos",
	"%d hour ago": "há %d hora", "%d hours ago": "há %d horas", "%d day ago": "há %d dia", "%d days ago": "há %d dias",
}

func init() {
	for key, text := range ptBR {
		if err := message.SetString(language.BrazilianPortuguese, key, text); err != nil {
			panic(err)
		}
	}
	for _, l := range Locales {
		l.forget()
	}
}

// Add registers a feature's own translations; call it from an init function.
func Add(messages map[string]string) {
	defer generation.Add(1)
	for key, text := range messages {
		ptBR[key] = text
		if err := message.SetString(language.BrazilianPortuguese, key, text); err != nil {
			panic(err)
		}
	}
	for _, l := range Locales {
		l.forget()
	}
}

// generation counts Add's calls: what was rendered with translations keeps
// it in its cache key (the page chrome).
var generation atomic.Int64

// Generation changes whenever translations are added.
func Generation() int64 { return generation.Load() }
