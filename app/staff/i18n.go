package staff

import "github.com/stonks-b3/stonks/app/i18n"

func init() {
	i18n.Add(map[string]string{
		"Staff": "Equipe", "Overview": "Visão geral", "Reports": "Denúncias", "Users": "Usuários",
		"Assets": "Ativos", "Audit log": "Registro de auditoria", "Confirm your password": "Confirme sua senha",
		"Staff pages ask for your password again after 15 minutes.": "As páginas da equipe pedem sua senha de novo após 15 minutos.",
		"Confirm": "Confirmar", "When": "Quando", "Who": "Quem", "Action": "Ação", "Target": "Alvo",
		"Before": "Antes", "After": "Depois", "No staff action yet.": "Nenhuma ação da equipe ainda.",
		"Message": "Mensagem", "Author": "Autor", "Reported by": "Denunciada por", "Reason": "Motivo",
		"Remove message": "Remover mensagem", "Dismiss": "Descartar", "No open reports.": "Nenhuma denúncia aberta.",
		"Report message": "Denunciar mensagem", "Thank you: the moderators will look at it.": "Obrigado: a moderação vai analisar.",
		"Back to the room": "Voltar à sala", "Why should the moderators remove it?": "Por que a moderação deveria removê-la?",
		"Joined": "Entrou", "Status": "Situação", "staff": "equipe", "suspended": "suspenso", "active": "ativo",
		"Suspend": "Suspender", "Reinstate": "Reativar", "Rename": "Renomear", "Merge into": "Juntar a",
		"Merge": "Juntar", "New name": "Novo nome", "Room": "Sala", "Host": "Anfitrião", "locked": "trancada",
		"Lock": "Trancar", "Unlock": "Destrancar", "Import B3's composition": "Importar a carteira da B3",
		"Add an asset": "Adicionar um ativo", "Ticker": "Código", "Index": "Índice", "Add": "Adicionar",
		"Weight": "Peso", "left the index": "saiu do índice", "Back in the index": "Voltar ao índice",
		"Retire": "Retirar do índice", "Import an index composition": "Importar a composição de um índice",
		"Preview": "Prévia", "Enter the index": "Entram no índice", "Leave the index": "Saem do índice",
		"New weight": "Novo peso", "Nothing would change.": "Nada mudaria.", "Apply": "Aplicar", "assets": "ativos",
		"File": "Arquivo",
		"B3 publishes each index's theoretical portfolio as a CSV file (code; name; type; theoretical quantity; weight %). Upload it to see what changes before applying it.": "A B3 publica a carteira teórica de cada índice em CSV (código; ação; tipo; qtde. teórica; part. %). Envie o arquivo para ver o que muda antes de aplicar.",
		"This instance": "Esta instância", "Open streams": "Conexões ao vivo abertas", "Leader": "Líder",
		"this instance runs the scheduled jobs":    "esta instância executa as tarefas agendadas",
		"another instance runs the scheduled jobs": "outra instância executa as tarefas agendadas",
		"Quote provider": "Provedor de cotações", "Last call": "Última chamada", "Calls / errors": "Chamadas / erros",
		"Circuit breaker": "Disjuntor", "Totals": "Totais", "Open reports": "Denúncias abertas", "Per day": "Por dia",
		"Notices":                                          "Avisos",
		"A topic cannot be merged into itself.":            "Um tópico não pode ser juntado a ele mesmo.",
		"Pick the topic to merge into.":                    "Escolha o tópico de destino.",
		"Pick IBOV or IFIX.":                               "Escolha IBOV ou IFIX.",
		"Enter a B3 ticker such as PETR4.":                 "Digite um código da B3, como PETR4.",
		"Another topic has this name: merge them instead.": "Outro tópico tem este nome: junte os dois.",
		"Choose B3's carteira teórica CSV file.":           "Escolha o arquivo CSV da carteira teórica da B3.",
		"The file is too large.":                           "O arquivo é grande demais.",
		"This account is suspended by the moderators.":     "Esta conta está suspensa pela moderação.",
		"This ticker is already listed.":                   "Este código já está listado.",
	})
}
