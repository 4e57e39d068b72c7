package forum

import "github.com/stonks-b3/stonks/app/i18n"

func init() {
	i18n.Add(map[string]string{
		"Create room": "Criar sala", "Update room": "Editar sala", "Delete room": "Excluir sala",
		"Delete message": "Excluir mensagem", "Delete": "Excluir", "Edit": "Editar", "Save": "Salvar", "in": "em",
		"Topic": "Tópico", "Name": "Nome", "Description": "Descrição", "Send": "Enviar",
		"Pick a topic or type a new one; 40 characters or fewer.": "Escolha um tópico ou digite um novo; até 40 caracteres.",
		"80 characters or fewer.":                                 "Até 80 caracteres.",
		"Write your message here...":                              "Escreva sua mensagem aqui...",
		"Hosted by":                                               "Criada por", "Conversation": "Conversa", "Participants": "Participantes",
		"Older messages":                             "Mensagens anteriores",
		"Back to the newest messages":                "Voltar às mensagens mais recentes",
		"No messages yet. Start the conversation!":   "Nenhuma mensagem ainda. Comece a conversa!",
		"Nobody has posted yet.":                     "Ninguém escreveu ainda.",
		"Search rooms":                               "Buscar salas",
		"Search rooms by topic, name or description": "Buscar salas por tópico, nome ou descrição",
		"Browse topics":                              "Navegar por tópicos", "All": "Todos",
		"1 room available":                      "1 sala disponível",
		"%d rooms available":                    "%d salas disponíveis",
		"No room matches your search.":          "Nenhuma sala corresponde à busca.",
		"No rooms yet.":                         "Nenhuma sala ainda.",
		"Recent activity":                       "Atividade recente",
		"Are you sure you want to delete this?": "Tem certeza de que deseja excluir isto?",
		"Report":                                "Denunciar",
		"This room is locked by the moderators: it is read-only.": "Esta sala foi trancada pela moderação: é somente leitura.",
		"Removed by moderation":                                   "Removido pela moderação",
		"Your room":                                               "Sua sala",
		"Your message":                                            "Sua mensagem",
		"was removed by moderation.":                              "foi removida pela moderação.",
	})
}
